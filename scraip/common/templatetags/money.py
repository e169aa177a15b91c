"""`{% load money %}` then `{{ amount|money }}`: "£180,000" on every page and PDF."""

from django import template

from scraip.common.money import format_money

register = template.Library()
register.filter("money", format_money)
