"""The msgspec Structs a msgspec user would write for sanquan/1: the load benchmark's peer.

Written by hand from SPEC.md, apart from the library (no
``from __future__ import annotations``: msgspec resolves the types here).
"""

from datetime import date
from typing import Any

import msgspec

import sanquan_core as sq

AnyT = Any


class Phase(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    ends_on: date


class Body(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    name: str


class Plan(msgspec.Struct, forbid_unknown_fields=True):
    title: str
    phases: list[Phase]
    doc_number: str = ""
    issuer: str = ""
    issued_on: date | None = None
    starts_on: date | None = None
    bodies: list[Body] = []
    quotas: dict[sq.SubmissionKind, int] = {}
    notice_title: str = ""
    addressees: str = ""
    notice_text: list[str] = []
    text: list[str] = []
    reply_days: int = 30
    extra: dict[str, AnyT] = {}


class Group(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    name: str
    kind: sq.GroupKind
    office: str = ""
    extra: dict[str, AnyT] = {}


class Member(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    name: str
    group_id: str
    bodies: list[str] = []
    sector: str = ""
    phone: str = ""
    address: str = ""
    extra: dict[str, AnyT] = {}


class Visit(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    member_id: str
    circle: sq.Circle
    visited_on: date
    target: str
    address: str = ""
    headcount: int = 1
    channel: sq.Channel = sq.Channel.IN_PERSON
    situation: str = ""
    needs_help: str = ""
    needs_coordination: str = ""
    follow_up: sq.FollowUp | None = None
    extra: dict[str, AnyT] = {}


class Submission(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    member_id: str
    kind: sq.SubmissionKind
    submitted_on: date
    title: str = ""
    content: str = ""
    visit_id: str | None = None
    follow_up: sq.FollowUp | None = None
    extra: dict[str, AnyT] = {}


class Document(msgspec.Struct, forbid_unknown_fields=True):
    schema: str
    plan: Plan
    groups: list[Group] = []
    members: list[Member] = []
    visits: list[Visit] = []
    submissions: list[Submission] = []
    extra: dict[str, AnyT] = {}
