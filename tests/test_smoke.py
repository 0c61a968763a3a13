def test_the_login_page_answers(client, db):
    response = client.get("/login/")
    assert response.status_code == 200


def test_a_specialist_can_log_in_and_is_greeted(login, specialist, client):
    login(specialist)
    response = client.get("/")
    assert "Kari Nordmann" in response.content.decode()
