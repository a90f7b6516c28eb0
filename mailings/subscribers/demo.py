"""Demo data: two newsletters and a handful of subscribers in every state, with evidence.

Besides these, a crowd of a few hundred readers (demo_crowd.py) signed up, confirmed and partly
left again over the last twelve months, so the dashboard's growth chart and the demo send
have something to show.

Idempotent: newsletters are looked up by slug and a subscriber is only created (with its
whole history) when its address does not exist yet. Addresses use example.org and the IPs
come from the documentation ranges (RFC 5737/3849), so nothing real is ever mailed.
"""

import datetime

from django.utils import timezone

from cms.taxonomy.models import Topic

from . import demo_crowd
from .consent import Evidence, current_consent
from .models import (
    ConsentAction,
    ConsentEvent,
    Newsletter,
    Subscriber,
    Subscription,
    SubscriptionStatus,
    address_hash,
)
from .optin_mail import build_confirmation, log_mail_sent

NEWSLETTERS = [
    (
        "quartal",
        "Quartalsnewsletter",
        True,
        "Viermal im Jahr: Neues aus dem Netzwerk, Termine und Beispiele aus der Praxis.",
    ),
    (
        "ukraine",
        "Kommunale Partnerschaften mit der Ukraine",
        False,
        "Projektnachrichten für Kommunen, die eine Partnerschaft mit einer ukrainischen "
        "Gemeinde pflegen oder aufbauen.",
    ),
]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
PEOPLE = [
    # email, name, newsletter slugs, story, days ago, ip
    ("anna.beispiel@example.org", "Anna Beispiel", ["quartal"], "confirmed", 40, "192.0.2.10"),
    ("bernd.muster@example.org", "", ["quartal", "ukraine"], "pending", 2, "198.51.100.7"),
    ("carla.probe@example.org", "Carla Probe", ["quartal"], "unsubscribed", 90, "2001:db8::5"),
    ("dmytro.partner@example.org", "Dmytro Partner", ["ukraine"], "imported", 20, None),
    ("erika.alt@example.org", "Erika Alt", ["quartal"], "bounced", 200, "192.0.2.99"),
]


def seed():
    newsletters = {
        slug: seed_newsletter(slug, name, default, text)
        for slug, name, default, text in NEWSLETTERS
    }
    for email, name, slugs, story, days, ip in PEOPLE:
        if not Subscriber.objects.filter(email__iexact=email).exists():
            seed_person(email, name, [newsletters[s] for s in slugs], story, days, ip)
    demo_crowd.seed(newsletters)


def seed_newsletter(slug, name, is_default, description):
    newsletter, _created = Newsletter.objects.get_or_create(
        slug=slug, defaults={"name": name, "is_default": is_default, "description": description}
    )
    return newsletter


def seed_person(email, name, newsletters, story, days, ip):
    when = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days)
    subscriber = Subscriber.objects.create(email=email, name=name)
    if story == "imported":
        return seed_import(subscriber, newsletters, when)
    evidence = Evidence(
        ip=ip,
        user_agent=BROWSER,
        page_url="http://127.0.0.1:8000/newsletter/",
        consent=current_consent(),
    )
    request = log(subscriber, ConsentAction.REQUESTED, when, evidence, newsletters)
    built = build_confirmation(request)
    log_mail_sent(request, built[1])
    status = {
        "pending": SubscriptionStatus.PENDING,
        "confirmed": SubscriptionStatus.SUBSCRIBED,
        "unsubscribed": SubscriptionStatus.UNSUBSCRIBED,
        "bounced": SubscriptionStatus.BOUNCED,
    }[story]
    confirmed = None if story == "pending" else when + datetime.timedelta(minutes=7)
    if confirmed:
        log(subscriber, ConsentAction.CONFIRMED, confirmed, evidence, newsletters, related=request)
    if story == "unsubscribed":
        log(
            subscriber,
            ConsentAction.UNSUBSCRIBED,
            when + datetime.timedelta(days=60),
            Evidence(ip=ip, user_agent="Mail provider (List-Unsubscribe)"),
            newsletters,
        )
    add_subscriptions(subscriber, newsletters, status, when, confirmed, ip)
    if story == "confirmed":
        subscriber.topics.set(Topic.objects.filter(slug__in=["jugend", "nachhaltigkeit"]))


def seed_import(subscriber, newsletters, when):
    note = "Teilnehmerliste Partnerschaftskonferenz 2026, schriftliche Einwilligung liegt vor"
    ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=address_hash(subscriber.email),
        action=ConsentAction.IMPORTED,
        created_at=when,
        consent_text=note,
        details={"newsletters": [n.slug for n in newsletters], "by": "demo"},
    )
    add_subscriptions(
        subscriber,
        newsletters,
        SubscriptionStatus.SUBSCRIBED,
        when,
        when,
        None,
        source=f"Import: {note}",
    )


def log(subscriber, action, when, evidence, newsletters, related=None):
    return ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=address_hash(subscriber.email),
        action=action,
        created_at=when,
        related=related,
        details={"newsletters": [n.slug for n in newsletters]},
        **evidence.log_fields(),
    )


def add_subscriptions(subscriber, newsletters, status, when, confirmed, ip, source=""):
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=subscriber,
                newsletter=n,
                status=status,
                signed_up_at=when,
                signed_up_ip=ip,
                confirmed_at=confirmed,
                confirmed_ip=ip if confirmed and ip else None,
                source=source or "http://127.0.0.1:8000/newsletter/",
            )
            for n in newsletters
        ]
    )
