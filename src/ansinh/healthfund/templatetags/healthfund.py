from django import template

from ansinh.healthfund.models import Facility

register = template.Library()


@register.simple_tag
def illustrative(province) -> bool:
    """Whether the province's figures come from the demo generator (load_demo_healthfund)."""
    return Facility.objects.filter(province=province, illustrative=True).exists()
