"""What SES tells us about the mail we sent: bounces, complaints, deliveries, delays, arriving
as Amazon SNS notifications on /newsletter/ses-events/, verified and then acted upon.

sns.py verifies, events.py reads the SES event, matching.py finds our row, effects.py changes
statuses, guard.py watches the complaint rate, figures.py counts per send."""
