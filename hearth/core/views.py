"""The home page and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.accounts import policy
from hearth.casework.selectors import caseload_for, involvements_of
from hearth.core import panels


def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting point: a worker's caseload first."""
    user = request.user
    working = policy.works_with_cases(user)
    caseload = list(caseload_for(user)) if working else []
    involvements = list(involvements_of(user)) if working else []
    return render(request, "core/home.html", {"caseload": caseload, "involvements": involvements,
                                              "panels": panels.panels_for(user, timezone.now())})


def health(request: HttpRequest) -> JsonResponse:
    """For a load balancer: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
