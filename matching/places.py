"""The member municipalities and the distances between their seats."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import numpy as np

from .model import Place

#: The eleven member municipalities (official code, name, seat lat/lon; see domain facts).
MEMBER_PLACES: tuple[Place, ...] = (
    Place("1260", "Bjuv", 56.084, 12.918),
    Place("1278", "Båstad", 56.427, 12.853),
    Place("1283", "Helsingborg", 56.046, 12.694),
    Place("1284", "Höganäs", 56.199, 12.557),
    Place("1276", "Klippan", 56.134, 13.131),
    Place("1282", "Landskrona", 55.871, 12.830),
    Place("1275", "Perstorp", 56.137, 13.395),
    Place("1214", "Svalöv", 55.913, 13.107),
    Place("1277", "Åstorp", 56.135, 12.945),
    Place("1292", "Ängelholm", 56.243, 12.863),
    Place("1257", "Örkelljunga", 56.283, 13.279),
)

EARTH_RADIUS_KM = 6371.0


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def place_lookup(places: Iterable[Place]) -> dict[str, Place]:
    """Map code and (case-folded) name to the place."""
    table: dict[str, Place] = {}
    for place in places:
        table[_fold(place.code)] = place
        table[_fold(place.name)] = place
    return table


def resolve_municipality(value: str, lookup: dict[str, Place]) -> Place | None:
    """The place named by a municipality name or official code, or None."""
    return lookup.get(_fold(value))


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two seats, in km."""
    return float(distance_table([a, b])[0, 1])


def distance_table(places: list[Place]) -> np.ndarray:
    """Great-circle distances (km) between all seats, as a square matrix (haversine)."""
    lat = np.radians([p.lat for p in places])
    lon = np.radians([p.lon for p in places])
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


__all__ = ["MEMBER_PLACES", "distance_km", "distance_table", "place_lookup"]
