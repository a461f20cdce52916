from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ansinh.accounts.models import User


def api_for(username):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=User.objects.get(username=username))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_token_caller_reads_its_province_only(seed):
    client = api_for("kontum.lanhdao")
    committees = client.get("/api/v1/committees/").json()["results"]
    assert [c["name"] for c in committees] == [
        "Ban Chỉ đạo thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế trên địa bàn tỉnh Kon Tum"
    ]
    agencies = client.get("/api/v1/agencies/", {"kind": "district_people_committee"}).json()
    assert agencies["count"] == 10


def test_members_on_a_date(seed):
    client = api_for("thanhhoa.lanhdao")
    committee = client.get("/api/v1/committees/").json()["results"][0]["id"]
    members = client.get("/api/v1/members/", {"committee": committee}).json()
    assert members["count"] == 25
    before = client.get("/api/v1/members/", {"committee": committee, "date": "01/01/2024"})
    assert before.json()["count"] == 0
    bad = client.get("/api/v1/members/", {"date": "31/02/2024"})
    assert bad.status_code == 400 and "không phải là ngày" in bad.json()["date"]


def test_admin_units_search_without_accents(seed):
    client = api_for("thanhhoa.lanhdao")
    names = [
        u["name"] for u in client.get("/api/v1/admin-units/", {"q": "dak glei"}).json()["results"]
    ]
    assert "Huyện Đắk Glei" in names


def test_schema_and_docs_are_served_locally(client, seed):
    assert client.get("/api/docs/").status_code in (302, 401, 403)
    from tests.conftest import login

    login(client, "kontum.lanhdao")
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/committees/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger" in docs.lower() and "cdn" not in docs.lower() and "https://" not in docs


def test_anonymous_and_bad_tokens_are_refused(seed):
    client = APIClient()
    assert client.get("/api/v1/agencies/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token sai")
    assert client.get("/api/v1/agencies/").status_code == 401
