def test_login_page_is_swedish(client):
    response = client.get("/logga-in")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert "Logga in" in html
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html


def test_anonymous_is_sent_to_login(client):
    response = client.get("/personer/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logga-in?next=")


def test_admin_logs_in_and_sees_people(client, login_as):
    login_as("admin")
    response = client.get("/personer/")
    assert response.status_code == 200, response.data[:2000]
    assert "Personer" in response.get_data(as_text=True)
