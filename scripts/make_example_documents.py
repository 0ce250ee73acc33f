"""Write the bundled example's PDF and DOCX inputs (invented, like the rest of the example).

``examples/kresny-dam-collapse/scpd_statement.pdf`` is the State Civil Protection Directorate's
situation update of 11 June 2025 (an official statement, as a PDF with a text layer), and
``velna_hydro_release.docx`` the dam operator's press release of the same day. Both repeat what
the example's reports already say these sources said, so the example's findings keep their
shape and the PDF/DOCX readers are exercised by ``make demo``.

Run ``python scripts/make_example_documents.py`` to write them again (same text, same bytes).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rashomon.fuzz.documents import docx_bytes, pdf_bytes

EVENT = Path(__file__).resolve().parents[1] / "examples" / "kresny-dam-collapse"

STATEMENT_TITLE = "Kresny Dam: situation update, 11 June 2025, 08:00"
STATEMENT = [
    "State Civil Protection Directorate of Lusovia (SCPD) - Press Office",
    STATEMENT_TITLE,
    "Orlavka, 11 June 2025. As of 08:00 on Wednesday, 41 people have died and 112 have been "
    "injured as a result of the collapse of the Kresny Dam on the Velna River early on "
    "Tuesday. Nineteen people are still listed as missing.",
    "Some 2,300 residents of Dolna Vyrka and nearby villages have been evacuated. Around 1,200 "
    "of them are staying in the municipal sports hall in Dolna Vyrka, where food, water and "
    "medical care are provided.",
    "More than 600 rescuers, divers and volunteers continue to search flooded houses "
    "downstream of the dam. Residents are asked not to return to their homes until engineers "
    "have inspected them.",
    "The next update will be published at 20:00.",
]

RELEASE_TITLE = "Velna Hydro statement on the Kresny Dam"
RELEASE = [
    "Orlavka, 11 June 2025. Velna Hydro, the operator of the Kresny Dam, offers its deepest "
    "condolences to the families of those who lost their lives in Tuesday's collapse.",
    "The dam passed its last official inspection in 2023. The cause of the failure has not "
    "been established, and the company is cooperating fully with investigators.",
    "\u201cWe owe the people of Dolna Vyrka the truth, and we will give investigators every "
    "document we hold,\u201d said chief executive Oleksiy Marchuk.",
    "Media enquiries: press office, Velna Hydro, Orlavka.",
]


def main() -> None:
    """Write both documents into the example folder."""
    when = datetime(2025, 6, 11, 8, 0, tzinfo=UTC)
    pdf = pdf_bytes(STATEMENT, title=STATEMENT_TITLE,
                    author="State Civil Protection Directorate", created=when)
    (EVENT / "scpd_statement.pdf").write_bytes(pdf)
    docx = docx_bytes(RELEASE, heading=RELEASE_TITLE, title=RELEASE_TITLE,
                      author="Velna Hydro press office", created=when.replace(hour=11))
    (EVENT / "velna_hydro_release.docx").write_bytes(docx)
    print(f"wrote {EVENT / 'scpd_statement.pdf'} and {EVENT / 'velna_hydro_release.docx'}")


if __name__ == "__main__":
    main()
