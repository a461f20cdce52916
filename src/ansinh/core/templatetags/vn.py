"""Vietnamese number formats in templates: {{ value|vn_number }}, {{ rate|vn_percent:2 }}."""

from django import template

from ansinh.core import vnformat

register = template.Library()


@register.filter
def vn_number(value, decimals=0):
    return vnformat.format_number(value, int(decimals))


@register.filter
def vn_percent(value, decimals=2):
    return vnformat.format_percent(value, int(decimals))


@register.filter
def vn_date(value):
    return vnformat.format_date(value)
