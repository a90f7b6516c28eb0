"""Demo readers: a few hundred example.org subscribers with a year of history.

Some signed up long before the dashboard's twelve months, the others during them (more around
the spring conference); nearly all confirmed, a few of the newest not yet, and about one in
ten left again. Each has the consent log a real sign-up leaves (request, confirmation mail,
confirmation, unsubscribe), written with a handful of bulk statements: the whole crowd costs
well under a second. The same seed gives the same people on every run, and only addresses
that do not exist yet are created, so seeding twice changes nothing.
"""

import dataclasses
import datetime
import random
import uuid

from django.utils import timezone

from cms.countries.models import CountryPage
from cms.taxonomy.models import Topic

from . import bulk
from .consent import CONSENT_VERSION, current_consent
from .models import ConsentAction, ConsentEvent, Subscriber, Subscription, address_hash
from .optin_mail import build_confirmation, log_mail_sent

EARLIER, THIS_YEAR = 240, 360
FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Felix",
    "Greta",
    "Hanna",
    "Ilka",
    "Jonas",
    "Katarzyna",
    "Lukas",
    "Marta",
    "Nils",
    "Oksana",
    "Paul",
    "Rita",
    "Sven",
    "Tamás",
    "Ute",
    "Viktor",
    "Wiebke",
    "Zofia",
    "Emre",
]
LAST = [
    "Becker",
    "Nowak",
    "Schulz",
    "Kovács",
    "Yilmaz",
    "Hoffmann",
    "Wagner",
    "Krüger",
    "Lange",
    "Wiśniewska",
    "Brandt",
    "Meyer",
    "Hartmann",
    "Smith",
    "Hoxha",
    "Petrovski",
]
ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "á": "a", "ś": "s"})
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
ONE_CLICK = "Mail provider (List-Unsubscribe)"
SIGNUP_URL = "http://127.0.0.1:8000/newsletter/"


@dataclasses.dataclass
class Person:
    email: str
    name: str
    newsletters: list
    requested: datetime.datetime
    confirmed: datetime.datetime | None
    left: datetime.datetime | None
    ip: str

    @property
    def status(self):
        return "unsubscribed" if self.left else "subscribed" if self.confirmed else "pending"


def sign_up_days_ago(rng, number):
    if number < EARLIER:
        return rng.uniform(370, 1100)
    if rng.random() < 0.12:  # the spring conference brought a wave of sign-ups
        return min(max(rng.gauss(200, 9), 1), 364)
    return rng.uniform(0.2, 364)


def person(rng, number, now):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    requested = now - datetime.timedelta(days=sign_up_days_ago(rng, number))
    recent = now - requested < datetime.timedelta(days=5)
    confirmed = (
        None
        if recent and rng.random() < 0.5
        else (requested + datetime.timedelta(minutes=rng.uniform(2, 600)))
    )
    left = None
    if confirmed and rng.random() < 0.1:
        left = confirmed + (now - confirmed) * rng.uniform(0.1, 0.95)
    return Person(
        email=f"{first}.{last}.{number:03d}@example.org".lower().translate(ASCII),
        name=f"{first} {last}",
        newsletters=["quartal", "ukraine"][: 1 + (rng.random() < 0.2)],
        requested=requested,
        confirmed=confirmed,
        left=left,
        ip=f"192.0.2.{number % 250 + 1}",
    )


def crowd(now):
    rng = random.Random(2026)  # noqa: S311 - demo people, not secrets
    return [person(rng, number, now) for number in range(EARLIER + THIS_YEAR)]


def seed(newsletters):
    now = timezone.now().replace(microsecond=0)
    people = crowd(now)
    existing = set(
        Subscriber.objects.filter(email__in=[p.email for p in people]).values_list(
            "email", flat=True
        )
    )
    people = [p for p in people if p.email not in existing]
    if not people:
        return
    ids = insert_subscribers(people)
    insert_subscriptions(people, ids, newsletters)
    log_histories(people, ids)
    add_interests(people, ids)


def insert_subscribers(people):
    bulk.insert_rows(
        Subscriber,
        ["email", "name", "language", "link_key", "created_at"],
        [(p.email, p.name, "de", uuid.uuid4(), p.requested) for p in people],
    )
    return dict(
        Subscriber.objects.filter(email__in=[p.email for p in people]).values_list("email", "pk")
    )


def insert_subscriptions(people, ids, newsletters):
    columns = [
        "subscriber",
        "newsletter",
        "status",
        "created_at",
        "updated_at",
        "signed_up_at",
        "signed_up_ip",
        "confirmed_at",
        "confirmed_ip",
        "source",
    ]
    bulk.insert_rows(
        Subscription,
        columns,
        [
            (
                ids[p.email],
                newsletters[slug].pk,
                p.status,
                p.requested,
                p.left or p.confirmed or p.requested,
                p.requested,
                p.ip,
                p.confirmed,
                p.ip if p.confirmed else None,
                SIGNUP_URL,
            )
            for p in people
            for slug in p.newsletters
        ],
    )


EVENT_COLUMNS = [
    "subscriber",
    "email_hash",
    "action",
    "created_at",
    "ip",
    "user_agent",
    "page_url",
    "consent_text",
    "consent_version",
    "consent_hash",
    "mail_text",
    "mail_hash",
    "mail_template_version",
    "related",
    "details",
]
NOTHING = ("", "", "")


def event_row(
    subscriber_id,
    p,
    action,
    when,
    *,
    ip=None,
    user_agent="",
    page_url="",
    consent=NOTHING,
    mail=NOTHING,
    related=None,
    details=None,
):
    return (
        subscriber_id,
        address_hash(p.email),
        action,
        when,
        ip,
        user_agent,
        page_url,
        *consent,
        *mail,
        related,
        details or {"newsletters": p.newsletters},
    )


def log_histories(people, ids):
    """Request, confirmation mail, confirmation and unsubscribe, in a few bulk INSERTs
    (model instances for thousands of rows would cost a second and more)."""
    consent = current_consent()
    consent_fields = (consent.evidence_text, CONSENT_VERSION, consent.digest)
    bulk.insert_rows(
        ConsentEvent,
        EVENT_COLUMNS,
        [
            event_row(
                ids[p.email],
                p,
                ConsentAction.REQUESTED,
                p.requested,
                ip=p.ip,
                user_agent=BROWSER,
                page_url=SIGNUP_URL,
                consent=consent_fields,
            )
            for p in people
        ],
    )
    requests = dict(
        ConsentEvent.objects.filter(
            action=ConsentAction.REQUESTED, subscriber_id__in=ids.values()
        ).values_list("subscriber_id", "pk")
    )
    log_confirmation_mails(people, ids, requests)
    bulk.insert_rows(
        ConsentEvent,
        EVENT_COLUMNS,
        [
            *(
                event_row(
                    ids[p.email],
                    p,
                    ConsentAction.CONFIRMED,
                    p.confirmed,
                    ip=p.ip,
                    user_agent=BROWSER,
                    page_url=SIGNUP_URL,
                    related=requests[ids[p.email]],
                )
                for p in people
                if p.confirmed
            ),
            *(
                event_row(
                    ids[p.email],
                    p,
                    ConsentAction.UNSUBSCRIBED,
                    p.left,
                    user_agent=ONE_CLICK,
                    details={"newsletters": p.newsletters, "via": "one-click"},
                )
                for p in people
                if p.left
            ),
        ],
    )


def log_confirmation_mails(people, ids, requests):
    """Render the confirmation mail once per newsletter choice (its text names the lists,
    not the person) and log that text for everyone who made the same choice."""
    samples = {}
    for p in people:
        if tuple(p.newsletters) not in samples:
            samples[tuple(p.newsletters)] = sample_mail(p, requests[ids[p.email]])
    bulk.insert_rows(
        ConsentEvent,
        EVENT_COLUMNS,
        [
            event_row(
                ids[p.email],
                p,
                ConsentAction.MAIL_SENT,
                mail_time(p),
                related=requests[ids[p.email]],
                details={**sample.details, "to": p.email},
                mail=(sample.mail_text, sample.mail_hash, sample.mail_template_version),
            )
            for p in people
            if (sample := samples[tuple(p.newsletters)]).related_id != requests[ids[p.email]]
        ],
    )


def sample_mail(p, request_id):
    """Build and log the mail for one request as the real sign-up does."""
    request = ConsentEvent.objects.select_related("subscriber").get(pk=request_id)
    log_mail_sent(request, build_confirmation(request)[1])
    sample = ConsentEvent.objects.filter(related=request, action=ConsentAction.MAIL_SENT).latest(
        "pk"
    )
    # log_mail_sent dates its row "now"; the demo writes a past, so move it back.
    ConsentEvent.objects.filter(pk=sample.pk).update(created_at=mail_time(p))
    return sample


def mail_time(p):
    return p.requested + datetime.timedelta(seconds=1)


def add_interests(people, ids):
    """Topics and countries chosen in the preference centre by about a third of the crowd."""
    rng = random.Random(10)  # noqa: S311 - demo data, not secrets
    topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    countries = list(CountryPage.objects.order_by("pk").values_list("pk", flat=True))
    topic_rows, country_rows = [], []
    for p in people:
        if rng.random() < 0.35 and topics and countries:
            pk = ids[p.email]
            topic_rows += [
                Subscriber.topics.through(subscriber_id=pk, topic_id=t)
                for t in rng.sample(topics, k=min(2, len(topics)))
            ]
            country_rows += [
                Subscriber.countries.through(subscriber_id=pk, countrypage_id=c)
                for c in rng.sample(countries, k=1)
            ]
    Subscriber.topics.through.objects.bulk_create(topic_rows)
    Subscriber.countries.through.objects.bulk_create(country_rows)
