"""OTP channels (OtpChannel port): the simulator's inbox by default; SMS and e-mail gateways would go here."""
