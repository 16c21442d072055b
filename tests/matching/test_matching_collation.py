"""Swedish alphabetical order without ICU (the app's SQLite collation and Python sorts)."""

from matching.collation import swedish_compare, swedish_key


def test_a_to_z_then_aa_ae_oe():
    names = ["Örkelljunga", "Ängelholm", "Åstorp", "Bjuv", "Båstad", "Höganäs", "Zenit",
             "Émile", "Øre", "Ærø", "Wik", "Vik", "Ystad", "Ülle"]
    assert sorted(names, key=swedish_key) == [
        "Bjuv", "Båstad", "Émile", "Höganäs", "Vik", "Wik", "Ülle", "Ystad", "Zenit",
        "Åstorp", "Ängelholm", "Ærø", "Øre", "Örkelljunga",
    ]


def test_case_breaks_ties_only_and_compare_agrees():
    assert sorted(["åsa", "Åsa", "Anna", "anna"], key=swedish_key)[:2] == ["Anna", "anna"]
    assert swedish_compare("Åstorp", "Ängelholm") == -1
    assert swedish_compare("Ö", "Ä") == 1 and swedish_compare("x", "x") == 0
