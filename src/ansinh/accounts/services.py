"""Writes of the accounts capability."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.accounts.enums import UserRole
from ansinh.accounts.models import User
from ansinh.core.history import acting_as


def user_create(
    *,
    username: str,
    password: str,
    role: str,
    agency=None,
    full_name: str = "",
    email: str = "",
    created_by=None,
) -> User:
    """Create an account; its password must pass the configured validators."""
    if role not in UserRole.values:
        raise ValidationError({"role": f"Vai trò “{role}” không có."})
    user = User(
        username=username,
        role=role,
        agency=agency,
        full_name=full_name,
        email=email,
        is_staff=role == UserRole.ADMIN,
        is_superuser=role == UserRole.ADMIN,
    )
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic(), acting_as(created_by):
        user.full_clean()
        user.save()
    return user


def user_set_password(*, user: User, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def user_api_token(*, user: User):
    from rest_framework.authtoken.models import Token

    return Token.objects.filter(user=user).first()


def user_rotate_api_token(*, user: User):
    """Replace the user's API key; the old one stops working at once."""
    from rest_framework.authtoken.models import Token

    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)
