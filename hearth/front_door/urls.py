"""The front door's pages: each family of pages keeps its own list of addresses."""

from hearth.front_door.urls_contacts import urlpatterns as contact_urls
from hearth.front_door.urls_oversight import urlpatterns as oversight_urls

app_name = "front_door"
urlpatterns = contact_urls + oversight_urls
