"""The Thunderbird MailExtension: its own files here, the shared core copied in by `build`."""
