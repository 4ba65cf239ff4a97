#!/usr/bin/env bash
# Fails with what to do when no AWS credentials are visible. With the AWS CLI installed it asks STS who
# we are; without it, it looks for the usual environment variables and files (the CDK CLI reads the same).
set -euo pipefail
if command -v aws >/dev/null 2>&1; then
  if identity=$(aws sts get-caller-identity --query Arn --output text 2>&1); then
    echo "aws: deploying as $identity${AWS_REGION:+ in $AWS_REGION}" >&2; exit 0
  fi
  echo "make: AWS credentials are missing or invalid ($identity)." >&2
else
  if [ -n "${AWS_ACCESS_KEY_ID:-}" ] || [ -n "${AWS_PROFILE:-}" ] || [ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ] \
     || [ -n "${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-}" ] \
     || [ -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" ] || [ -f "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]; then
    exit 0
  fi
  echo "make: no AWS credentials found." >&2
fi
echo "Set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN]) and AWS_REGION, e.g." \
     "'aws sso login --profile dev && AWS_PROFILE=dev AWS_REGION=eu-west-1 make deploy'." >&2
exit 2
