"""The CIN census's own XML schema (hearth/reference/specs/cin-census-2024.xsd), checked with lxml.

The schema declares one global element, the whole `Message`. A child's `CINdetails` is checked on its own against
the same schema with one global declaration added for it, of the schema's own `cindetailstype`, so every rule the
DfE's schema gives that block (order, number, dates, codes) is lxml's to apply, not ours.
"""

from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from lxml import etree

SPEC = Path(__file__).resolve().parent.parent / "reference" / "specs" / "cin-census-2024.xsd"
XS = "http://www.w3.org/2001/XMLSchema"


@cache
def _schema(root_element: str, root_type: str) -> etree.XMLSchema:
    document = etree.parse(str(SPEC))
    if root_element != "Message":
        declared = etree.SubElement(document.getroot(), f"{{{XS}}}element")
        declared.set("name", root_element)
        declared.set("type", root_type)
    return etree.XMLSchema(document)


def errors(element: ElementTree.Element, *, as_type: str = "cindetailstype") -> list[str]:
    """What in `element` breaks the census schema (as a `Message`, or a block of `as_type`), each as lxml says it."""
    schema = _schema(element.tag, "messagetype" if element.tag == "Message" else as_type)
    document = etree.fromstring(ElementTree.tostring(element))
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
