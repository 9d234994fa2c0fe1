"""The weekly reminder by mail: each reader, once a week, what they have to do, through the province's SMTP server.

    readers  who gets a letter and what each is owed (one adapter per kind of reader)
    letters  what to say: the letter of a member, a committee that arranges visits, the Board and the Office
    layout   one letter as a plain-text part and an HTML part with the same content
    compose  the message (`email.message.EmailMessage`), its headers made safe
    ledger   what was sent, by week, in `state/`: a second run the same week sends nothing new
    send     the SMTP conversation (`smtplib`): STARTTLS, login, retries of a temporary refusal
    command  `mail [--as-of …] [--dry-run DIR]`: all of it, and the summary line
"""
