"""Crosswalks: which public standards a question or chain answers to, and where a chain departs.

A question or chain may carry `references` (ids in the standards below) and a chain may say
where it `departs_from` one of them, e.g. removing review before merge against OWASP AISVS
Level 1. Both are optional; content that leaves them out is stored and hashed as before.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

STANDARDS: dict[str, str] = {
    "owasp_asi": "OWASP Top 10 for Agentic Applications",
    "owasp_aisvs": "OWASP AISVS",
    "aws_agentic_lens": "AWS Well-Architected Agentic AI Lens",
    "aiuc_1": "AIUC-1",
    "csa_aicm": "CSA AI Controls Matrix",
}
"""The standards a reference may name, by the key used in YAML."""

ASI_ID = r"^ASI(0[1-9]|10)$"
AISVS_ID = r"^C[1-9][0-9]?(\.[0-9]+){0,2}$"
AGENTSEC_ID = r"^AGENTSEC[0-9]{2}$"
AIUC_ID = r"^[A-F][0-9]{3}(\.[0-9]+)?$"
AICM_ID = r"^[A-Z&]{2,4}(-[0-9]{2})?$"


StandardKey = Literal["owasp_asi", "owasp_aisvs", "aws_agentic_lens", "aiuc_1", "csa_aicm"]


class _Strict(BaseModel):
    # The same rules as every user-written model (questionnaire.Strict), kept here so the
    # questionnaire and catalogue formats can both build on this module.
    model_config = ConfigDict(extra="forbid", frozen=True)


class References(_Strict):
    """Ids in each standard that a question or chain answers to."""

    owasp_asi: tuple[Annotated[str, Field(pattern=ASI_ID)], ...] = Field(
        default=(), description="ASI01..ASI10, e.g. ASI01 (agent goal hijack)"
    )
    owasp_aisvs: tuple[Annotated[str, Field(pattern=AISVS_ID)], ...] = Field(
        default=(), description="a chapter or requirement, e.g. C9 or C14.2.1"
    )
    aws_agentic_lens: tuple[Annotated[str, Field(pattern=AGENTSEC_ID)], ...] = Field(
        default=(), description="a best practice, e.g. AGENTSEC03"
    )
    aiuc_1: tuple[Annotated[str, Field(pattern=AIUC_ID)], ...] = Field(
        default=(), description="a requirement, e.g. B006"
    )
    csa_aicm: tuple[Annotated[str, Field(pattern=AICM_ID)], ...] = Field(
        default=(), description="a domain or control, e.g. IAM or IAM-05"
    )

    def by_standard(self) -> dict[str, tuple[str, ...]]:
        """The non-empty references, standard key -> ids, in the order of `STANDARDS`."""
        return {key: ids for key in STANDARDS if (ids := getattr(self, key))}


class Departure(_Strict):
    """Where a chain's removal departs from a standard, said so it is made knowingly."""

    standard: StandardKey
    note: str = Field(min_length=1)


class Crosswalked(_Strict):
    """Base for content that may carry references: the optional fields added since 2026.1
    (references, departures, evidence validity) are left out of the stored form when empty,
    so content written before them keeps its hash."""

    omit_when_empty: ClassVar[tuple[str, ...]] = (
        "references",
        "departs_from",
        "evidence_valid_days",
    )

    @model_serializer(mode="wrap")
    def _omit_empty_crosswalk(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for key in self.omit_when_empty:
                if key in data and not data[key]:
                    del data[key]
        return data


def standard_name(key: str) -> str:
    """The readable name of a standard key, e.g. 'OWASP AISVS' for owasp_aisvs."""
    return STANDARDS.get(key, key)
