// Conditional reveals for GOV.UK radios, without aria-expanded on the inputs.
//
// GOV.UK Frontend's Radios module marks each radio that reveals questions with aria-expanded, which ARIA 1.2
// does not allow on a radio (axe-core's aria-allowed-attr rule). Radios that forms.html's conditional_radios
// macro renders (data-module="hearth-radios", the govuk-frontend-jinja markup otherwise unchanged) are revealed
// here instead: the chosen answer's follow-up questions show, the others hide. Without JavaScript GOV.UK's
// styles hide nothing, so every follow-up shows.
export function initConditionalRadios(scope = document) {
  if (!document.body.classList.contains("govuk-frontend-supported")) {
    return;
  }
  for (const root of scope.querySelectorAll('[data-module="hearth-radios"]')) {
    const inputs = Array.from(root.querySelectorAll(':scope > .govuk-radios__item > input[data-aria-controls]'));
    for (const input of inputs) {
      input.setAttribute("aria-controls", input.dataset.ariaControls);
      input.removeAttribute("data-aria-controls");
    }
    const sync = () => {
      for (const input of inputs) {
        const revealed = document.getElementById(input.getAttribute("aria-controls"));
        if (revealed) {
          revealed.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
        }
      }
    };
    root.addEventListener("change", sync);
    window.addEventListener("pageshow", sync); // a page restored from the back button keeps its checked answer
    sync();
  }
}
