"""The front door's worklist and the leaders' view of its performance (joined into the app's urls)."""

from django.urls import path

from hearth.front_door.views.performance import performance_contacts, performance_page
from hearth.front_door.views.worklist import worklist_page

urlpatterns = [
    path("", worklist_page, name="worklist"),
    path("performance", performance_page, name="performance"),
    path("performance/contacts", performance_contacts, name="performance_contacts"),
]
