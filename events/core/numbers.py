"""The order of car numbers: numeric, with leading zeros after ("7" before "007" before "8")."""


def number_sort_key(number: str) -> tuple[int, int, int, str]:
    """Car numbers in numeric order ("7" before "007" before "8"), other text after."""
    if number.isascii() and number.isdigit():
        return (0, int(number), len(number), number)
    return (1, 0, 0, number)
