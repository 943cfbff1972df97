"""The calendar answers any month a person can type: the years it covers, and a 400 page that
says so outside them (issue 17: ?month=9999-12 and ?month=0001-01 were server errors)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1899-12", "2201-01", "99999999-01"])
def test_a_month_outside_the_calendar_is_refused_with_a_message(client, site_tree, month):
    response = client.get(f"/coordination/calendar/?month={month}")
    assert response.status_code == 400
    assert "in the years 1900 to 2200 that the calendar covers" in response.content.decode()


@pytest.mark.parametrize("month", ["1900-01", "2200-12"])
def test_the_first_and_last_months_show_with_their_neighbours(client, site_tree, month):
    for view in ("month", "list"):
        response = client.get(f"/coordination/calendar/?month={month}&view={view}")
        assert response.status_code == 200


@pytest.mark.parametrize("month", ["", "abc", "2024", "--", "2024-01-01", "2024-13", "2024-0"])
def test_an_address_without_a_readable_month_shows_this_month(client, site_tree, month):
    assert client.get(f"/coordination/calendar/?month={month}").status_code == 200


def test_the_month_grid_names_the_weekdays_in_the_readers_language(client, site_tree):
    """Found by the journeys' review of issue 22: the Spanish grid said Monday ... Sunday."""
    english = client.get("/coordination/calendar/?view=month").content.decode()
    spanish = client.get("/es/coordination/calendar/?view=month").content.decode()
    assert '<th scope="col">Monday</th>' in english
    assert '<th scope="col">Lunes</th>' in spanish and "Monday" not in spanish
