"""The clock of the send pipeline: starts due sends, recovers leases, revives stalled sends.

Why: no task backend here has periodic jobs or reaps tasks of killed workers (django-tasks-db
leaves them RUNNING forever, RQ fails them after minutes), so one small loop does it. It also
runs Wagtail's publish_scheduled. Run exactly one (devserver starts it; deploy/ has a unit).
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from mailings.sending.clock import clock_pass

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Taktgeber für Versand und geplante Veröffentlichungen (--once: ein Durchlauf)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Nur einen Durchlauf")

    def handle(self, *args, **options):
        if options["once"]:
            clock_pass()
            return
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        logger.info("Uhr läuft (alle %s s)", settings.NEWSLETTER_CLOCK_SECONDS)
        while self.running:
            close_old_connections()  # reconnect after a database restart
            clock_pass()
            time.sleep(settings.NEWSLETTER_CLOCK_SECONDS)

    def stop(self, *args):
        self.running = False
