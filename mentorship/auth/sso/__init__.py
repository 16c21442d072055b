"""Log in with the municipality's own account: OpenID Connect, one provider per municipality."""
