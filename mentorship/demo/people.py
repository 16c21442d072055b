"""Demo users: the admin, one HR contact per municipality, participants everywhere."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.auth.passwords import hash_password
from mentorship.auth.services import NewUser, create_user
from mentorship.extensions import db
from mentorship.reference.models import Municipality

FIRST_NAMES = (
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Sara",
    "Anders",
    "Eva",
    "Per",
    "Lena",
    "Mikael",
    "Emma",
    "Fredrik",
    "Linnea",
    "Magnus",
    "Sofia",
    "Jonas",
    "Elin",
    "Henrik",
    "Ida",
    "Oskar",
    "Malin",
    "Niklas",
    "Hanna",
    "Daniel",
    "Frida",
    "Mattias",
    "Josefin",
    "Andreas",
    "Amira",
    "Ali",
    "Leila",
    "Reza",
    "Zeynep",
    "Mehmet",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jönsson",
    "Lindberg",
    "Håkansson",
    "Björk",
    "Lindqvist",
    "Ahmadi",
    "Yilmaz",
    "Hassan",
    "Berg",
    "Åberg",
    "Ekström",
    "Holm",
    "Sjöberg",
    "Öberg",
    "Nyström",
)
PARTICIPANTS_PER_MUNICIPALITY = 5


def slug(name: str) -> str:
    """`Ängelholm` -> `angelholm` (å/ä -> a, ö -> o), as the demo addresses are written."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "-"})
    return name.lower().translate(table)


def demo_name(index: int) -> str:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 7 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"


def _ensure(
    email: str, name: str, municipality_id: int, roles: tuple[str, ...], pw_hash: str
) -> bool:
    if db.session.scalar(select(User.id).where(User.email == email)):
        return False
    user = create_user(None, NewUser(email, name, municipality_id, roles))
    # One hash for every demo account: argon2 is deliberately slow.
    user.password_hash = pw_hash
    return True


def demo_people(password: str) -> str:
    password = hash_password(password)
    munis = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
    by_name = {m.name: m for m in munis}
    added = 0
    added += _ensure(
        "admin@example.org", "Karin Lindqvist", by_name["Helsingborg"].id, ("admin",), password
    )
    index = 0
    for m in munis:
        added += _ensure(f"hr.{slug(m.name)}@example.org", f"HR {m.name}", m.id, ("hr",), password)
        for _ in range(PARTICIPANTS_PER_MUNICIPALITY):
            name = demo_name(index)
            email = f"{slug(name.split()[0])}.{slug(name.split()[1])}.{slug(m.name)}@example.org"
            added += _ensure(email, name, m.id, ("participant",), password)
            index += 1
    db.session.flush()
    return f"personer: {added} nya"
