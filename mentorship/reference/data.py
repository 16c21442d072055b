"""The cooperation's member municipalities and typical business areas (domain facts)."""

MUNICIPALITIES = (
    # name, official code, seat latitude, seat longitude
    ("Bjuv", "1260", 56.084, 12.918),
    ("Båstad", "1278", 56.427, 12.853),
    ("Helsingborg", "1283", 56.046, 12.694),
    ("Höganäs", "1284", 56.199, 12.557),
    ("Klippan", "1276", 56.134, 13.131),
    ("Landskrona", "1282", 55.871, 12.830),
    ("Perstorp", "1275", 56.137, 13.395),
    ("Svalöv", "1214", 55.913, 13.107),
    ("Åstorp", "1277", 56.135, 12.945),
    ("Ängelholm", "1292", 56.243, 12.863),
    ("Örkelljunga", "1257", 56.283, 13.279),
)

BUSINESS_AREAS = (
    "Förskola",
    "Grundskola",
    "Vuxenutbildning",
    "Socialtjänst",
    "Äldreomsorg",
    "Funktionsstöd",
    "Stadsbyggnad",
    "Teknik och infrastruktur",
    "Kultur och fritid",
    "Miljö",
    "Räddningstjänst",
    "HR",
    "Ekonomi",
    "Kommunikation",
    "IT",
    "Juridik",
    "Upphandling",
)
