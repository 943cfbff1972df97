"""Email in and out of a case (issue 19): the signed reply address (`addresses`), reading and
trimming a message (`text`), what becomes of it (`inbound`), and the two ways mail arrives:
an SMTP/LMTP receiver the project runs (`smtp`) and a mailbox read over IMAP (`imap`)."""
