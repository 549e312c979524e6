// Initialise GOV.UK Frontend and MoJ Frontend components.
// Loaded by the base layout as <script type="module" src="/static/hearth/init.js">.
// Both bundles are ES modules. Each initAll() only runs if <body> has the
// govuk-frontend-supported class (set by the inline script at the top of <body>).
import { initAll as initGovukFrontend } from "./govuk-frontend.min.js";
import { initAll as initMojFrontend } from "./moj-frontend.min.js";
import { initConditionalRadios } from "./conditional-radios.js";

initGovukFrontend();
initMojFrontend();
initConditionalRadios();
