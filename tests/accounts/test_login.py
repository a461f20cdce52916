import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ansinh.accounts.enums import UserRole
from ansinh.accounts.services import user_create
from tests.conftest import DEMO_PASSWORD

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/co-quan/", "/ban-chi-dao/1/", "/don-vi-hanh-chinh/"])
def test_anonymous_visitor_only_sees_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")
    page = client.get(LOGIN)
    assert "Đăng nhập" in page.content.decode()
    assert 'lang="vi"' in page.content.decode()


@pytest.mark.django_db
def test_api_refuses_anonymous_callers(client):
    assert client.get("/api/v1/committees/").status_code in (401, 403)


def test_login_with_the_real_form_then_logout(client, seed):
    response = client.post(LOGIN, {"username": "thanhhoa.lanhdao", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    committee_page = client.get(response["Location"], follow=True)
    assert "Ban Chỉ đạo thực hiện chính sách" in committee_page.content.decode()
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_wrong_password_gets_a_vietnamese_error(client, seed):
    response = client.post(LOGIN, {"username": "thanhhoa.lanhdao", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_repeated_failures_lock_the_account(client, seed, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "thanhhoa.soyte", "password": "sai-mat-khau"})
    locked = client.post(LOGIN, {"username": "thanhhoa.soyte", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "tạm thời bị khóa" in locked.content.decode()
    # Another account is not affected.
    other = client.post(LOGIN, {"username": "thanhhoa.lanhdao", "password": DEMO_PASSWORD})
    assert other.status_code == 302


def test_passwords_follow_django_validators(seed):
    from ansinh.org.models import Agency

    agency = Agency.objects.get(key="so-y-te", province__code="38")
    with pytest.raises(ValidationError) as error:
        user_create(
            username="yte2", password="12345678", role=UserRole.AGENCY_OFFICER, agency=agency
        )
    assert any("quá phổ biến" in m or "toàn là số" in m for m in error.value.messages)


@pytest.mark.django_db
def test_an_officer_must_belong_to_an_agency():
    with pytest.raises(ValidationError, match="phải thuộc một cơ quan"):
        user_create(username="lac", password="Mot-Mat-Khau-Dai-2024", role=UserRole.LEADER)
