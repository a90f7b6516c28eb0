"""gunicorn settings for the web unit: two workers fit the two-core machines we run on."""

bind = "127.0.0.1:8000"
workers = 2
threads = 4
timeout = 30
accesslog = "-"
# No client IPs in the access log: consent evidence keeps IPs where the law requires it,
# the web log does not need them (DSGVO data minimisation).
access_log_format = '"%(r)s" %(s)s %(b)s %(L)ss'
