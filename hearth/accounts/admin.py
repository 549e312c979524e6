"""Administration of users, teams and roles. Case records are deliberately not here:
an administrator is not a superuser over children's records."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from hearth.accounts.models import Membership, Role, Team, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(User)
class HearthUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Work", {"fields": ("job_title", "agency", "roles")}),)
    filter_horizontal = ("roles", "groups", "user_permissions")
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "job_title", "agency", "is_active")
    list_filter = ("is_active", "roles", "memberships__team")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "service_area", "is_active")
    list_filter = ("service_area", "is_active")
    search_fields = ("name",)
    inlines = [MembershipInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("code", "description")

    def has_add_permission(self, request):
        return False  # roles are fixed in code; their descriptions may be edited

    def has_delete_permission(self, request, obj=None):
        return False
