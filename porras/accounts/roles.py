"""Roles and what each may do. Framework-free: one table, read by the authorisation module."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PROFESSIONAL = "professional"
    UNIT_MANAGER = "unit_manager"
    COUNTY_ANALYST = "county_analyst"
    NATIONAL_ANALYST = "national_analyst"
    PROGRAMME_MANAGER = "programme_manager"
    IPS_SPECIALIST = "ips_specialist"
    ADMINISTRATOR = "administrator"


class Perm(StrEnum):
    """Permissions asked of the authorisation module."""

    CLIENT_READ = "client_read"  # client-level data of a unit
    CLIENT_WRITE = "client_write"
    AGGREGATE_READ = "aggregate_read"  # suppressed aggregates of a county / the nation
    CATALOGUE_EDIT = "catalogue_edit"  # a county's service catalogue
    NAVIGATOR_RULES_EDIT = "navigator_rules_edit"
    PROGRAMME_EDIT = "programme_edit"  # strategy programmes, projects, grants
    IPS_CASELOAD = "ips_caseload"  # IPS clients (own caseload for specialists)
    IPS_FIDELITY = "ips_fidelity"  # fidelity reviews of IPS services
    ASSESSMENT_OPEN = "assessment_open"  # open a resident's self-assessment code
    USER_ADMIN = "user_admin"
    AUDIT_READ = "audit_read"


# Which permissions each role grants. Scope (unit, county or nation) comes from the membership.
ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.PROFESSIONAL: frozenset({Perm.CLIENT_READ, Perm.CLIENT_WRITE, Perm.ASSESSMENT_OPEN}),
    Role.UNIT_MANAGER: frozenset(
        {
            Perm.CLIENT_READ,
            Perm.CLIENT_WRITE,
            Perm.ASSESSMENT_OPEN,
            Perm.AGGREGATE_READ,
            Perm.CATALOGUE_EDIT,
            Perm.NAVIGATOR_RULES_EDIT,
            Perm.IPS_FIDELITY,
            Perm.USER_ADMIN,  # the users of their own unit(s) only: authz.may_manage_user / may_grant
        }
    ),
    Role.COUNTY_ANALYST: frozenset({Perm.AGGREGATE_READ}),
    Role.NATIONAL_ANALYST: frozenset({Perm.AGGREGATE_READ}),
    Role.PROGRAMME_MANAGER: frozenset({Perm.PROGRAMME_EDIT, Perm.AGGREGATE_READ}),
    Role.IPS_SPECIALIST: frozenset({Perm.IPS_CASELOAD, Perm.IPS_FIDELITY, Perm.CLIENT_READ}),
    Role.ADMINISTRATOR: frozenset(
        {Perm.USER_ADMIN, Perm.AUDIT_READ, Perm.CATALOGUE_EDIT, Perm.PROGRAMME_EDIT, Perm.AGGREGATE_READ,
         Perm.NAVIGATOR_RULES_EDIT, Perm.IPS_FIDELITY}
    ),
}

# Roles that never see client-level data, only aggregates.
AGGREGATE_ONLY_ROLES = frozenset({Role.COUNTY_ANALYST, Role.NATIONAL_ANALYST, Role.PROGRAMME_MANAGER})
# Roles whose users see client data: PORRAS_REQUIRE_2FA makes a second factor mandatory for them.
CLIENT_DATA_ROLES = frozenset(r for r, perms in ROLE_PERMISSIONS.items() if Perm.CLIENT_READ in perms)
# Roles for which PORRAS_REQUIRE_2FA asks a second factor: those that see client data, and those that
# could reach it through others' accounts (user administration: roles, e-mail, password links, second
# factors) or read who handled which client (the audit log).
SECOND_FACTOR_ROLES = frozenset(
    r for r, perms in ROLE_PERMISSIONS.items() if perms & {Perm.CLIENT_READ, Perm.USER_ADMIN, Perm.AUDIT_READ}
)
# Roles whose membership has no unit or county: they act nationally.
NATIONAL_ROLES = frozenset({Role.NATIONAL_ANALYST, Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})

