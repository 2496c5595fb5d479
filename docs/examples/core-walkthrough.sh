#!/usr/bin/env bash
# A tour of Enclave's core through its REST API, with curl and jq only.
#
#   docs/examples/core-walkthrough.sh [BASE_URL]      (default http://localhost:5000)
#
# Three people sign up (Alice, Bob, Carol). Alice builds a small federation: a mother
# organization and a daughter attached under it, and spheres of several types. She invites Bob
# into the mother organization and a sphere (Bob accepts with the invitation token); Carol asks
# to join from the mother's external portal and Alice approves. Bob also joins the daughter and
# one of its spheres. Finally Alice removes Bob from the mother organization, and the script
# checks that the removal cascaded: Bob is gone from the daughter organization and from the
# daughter's spheres, and can no longer see them.
#
# Names carry a unique suffix, so the script can run again and again against one server.
# Sign-up is rate limited per client address (RateLimits:SignupPerHour, 20 by default): each
# run signs up three people. Exits non-zero, with a message, at the first surprise.
set -euo pipefail

BASE_URL="${1:-${BASE_URL:-http://localhost:5000}}"
BASE_URL="${BASE_URL%/}"
API="$BASE_URL/api/v1"
SUFFIX="$(date +%s)$((RANDOM % 1000))"
PASSWORD="correct horse battery staple"
BODY="$(mktemp)"
trap 'rm -f "$BODY"' EXIT

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "This example needs $tool." >&2; exit 2; }
done

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

# call EXPECTED_STATUS METHOD PATH [TOKEN] [JSON_BODY] -> prints the response body.
# Programs authenticate with "Authorization: Bearer <token>"; bearer calls need no CSRF token.
call() {
  local expected="$1" method="$2" path="$3" token="${4:-}" data="${5:-}" status
  local args=(-sS -o "$BODY" -w '%{http_code}' -X "$method" -H 'Accept: application/json')
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data "$data")
  status="$(curl "${args[@]}" "$API$path")" || fail "$method $path: could not reach $BASE_URL"
  if [ "$status" != "$expected" ]; then
    fail "$method $path answered $status, expected $expected: $(cat "$BODY")"
  fi
  cat "$BODY"
}

# signup USERNAME FIRST LAST -> prints "<user id> <session token>"
signup() {
  local body
  body="$(jq -n --arg u "$1" --arg f "$2" --arg l "$3" --arg p "$PASSWORD" \
    '{userName: $u, firstName: $f, lastName: $l, email: ($u + "@example.org"), password: $p, mode: "token"}')"
  call 201 POST /auth/signup "" "$body" | jq -r '"\(.user.id) \(.token)"'
}

# lists_member PATH USER_ID -> succeeds when Alice sees that user in the (first page of the) member list
lists_member() {
  local page
  # Explicit exit: errexit is off inside "if" conditions, and a failed call must not read as "absent".
  page="$(call 200 GET "$1?limit=100" "$ALICE")" || exit 1
  jq -e --arg id "$2" 'any(.items[]; .user.id == $id)' <<<"$page" >/dev/null
}

step "Enclave at $BASE_URL"
curl -fsS "$BASE_URL/health/ready" >/dev/null || fail "$BASE_URL/health/ready is not answering 200"

step "Three people sign up (mode token: the session comes back as a bearer token)"
ALICE="$(signup "alice_$SUFFIX" Alice Martin)"; read -r ALICE_ID ALICE <<<"$ALICE"
BOB="$(signup "bob_$SUFFIX" Bob Durand)"; read -r BOB_ID BOB <<<"$BOB"
CAROL="$(signup "carol_$SUFFIX" Carol Petit)"; read -r CAROL_ID CAROL <<<"$CAROL"
echo "alice_$SUFFIX, bob_$SUFFIX, carol_$SUFFIX"
call 200 GET /me "$ALICE" | jq -r '"Alice is signed in as \(.userName) (\(.displayName))"'

step "Alice creates a mother organization (with an external portal) and a daughter"
MOTHER="$(call 201 POST /organizations "$ALICE" "{\"name\": \"Federation $SUFFIX\", \"externalPortal\": true}" | jq -r .id)"
DAUGHTER="$(call 201 POST /organizations "$ALICE" "{\"name\": \"Club $SUFFIX\"}" | jq -r .id)"
echo "mother $MOTHER, daughter $DAUGHTER"

step "Alice attaches the daughter under the mother (she manages both, so it is immediate)"
STATUS="$(call 200 PUT "/organizations/$DAUGHTER/parent" "$ALICE" "{\"parentId\": \"$MOTHER\"}" | jq -r .status)"
[ "$STATUS" = attached ] || fail "expected the daughter to be attached, got '$STATUS'"
call 200 GET "/organizations/$MOTHER/tree" "$ALICE" | jq -r '"tree: \(.name) -> \([.children[].name] | join(", "))"'

step "Alice creates spheres: classic (the default), open, public and restricted"
sphere() { # sphere ORGANIZATION TYPE NAME -> id
  call 201 POST /spheres "$ALICE" "{\"organizationId\": \"$1\", \"type\": \"$2\", \"name\": \"$3 $SUFFIX\"}" | jq -r .id
}
CLASSIC="$(sphere "$MOTHER" classic "Board")"
OPEN="$(sphere "$MOTHER" open "Coffee corner")"
PUBLIC="$(sphere "$MOTHER" public "Press room")"
RESTRICTED="$(sphere "$MOTHER" restricted "Announcements")"
CLUB_SPHERE="$(sphere "$DAUGHTER" classic "Club team")"
CLUB_OPEN="$(sphere "$DAUGHTER" open "Club lounge")"
call 200 GET "/spheres/$CLASSIC" "$ALICE" | jq -r '"\(.name): \(.type), my role \(.myRole)"'
call 200 GET "/spheres/$PUBLIC" "" | jq -r '"\(.name) is readable without an account: canRead=\(.permissions.canRead)"'
call 404 GET "/spheres/$CLASSIC" "$BOB" >/dev/null
echo "Bob cannot see the classic sphere yet (404, not 403: its existence does not leak)"

step "Alice invites Bob into the mother organization; Bob accepts with the token"
TOKEN="$(call 201 POST "/organizations/$MOTHER/invitations" "$ALICE" "{\"userName\": \"bob_$SUFFIX\"}" | jq -r .token)"
call 200 POST /invitations/accept "$BOB" "{\"token\": \"$TOKEN\"}" >/dev/null
call 200 GET "/organizations/$MOTHER" "$BOB" | jq -r '"Bob in \(.name): \(.myRole)"'

step "Alice invites Bob into the classic sphere; Bob accepts"
TOKEN="$(call 201 POST "/spheres/$CLASSIC/invitations" "$ALICE" "{\"userName\": \"bob_$SUFFIX\"}" | jq -r .token)"
call 200 POST /invitations/accept "$BOB" "{\"token\": \"$TOKEN\"}" >/dev/null
call 200 GET "/spheres/$CLASSIC" "$BOB" | jq -r '"Bob in \(.name): \(.myRole)"'

step "Bob walks into the open sphere; in the restricted one he is a member who cannot publish"
call 200 POST "/spheres/$OPEN/enter" "$BOB" | jq -r '"Bob in \(.name): \(.myRole)"'
TOKEN="$(call 201 POST "/spheres/$RESTRICTED/invitations" "$ALICE" "{\"userName\": \"bob_$SUFFIX\"}" | jq -r .token)"
call 200 POST /invitations/accept "$BOB" "{\"token\": \"$TOKEN\"}" >/dev/null
call 200 GET "/spheres/$RESTRICTED" "$BOB" | jq -e '.permissions.canPost == false and .permissions.canComment == true' >/dev/null \
  || fail "a member of a restricted sphere should comment but not publish"
echo "restricted sphere: Bob may comment, not publish"

step "Carol asks to join the mother from its external portal; Alice approves"
call 200 GET "/organizations/$MOTHER" "$CAROL" | jq -r '"Carol sees \(.name) as: \(.view)"'
REQUEST="$(call 201 POST "/organizations/$MOTHER/join-requests" "$CAROL" '{"message": "I coach the juniors."}' | jq -r .id)"
call 200 GET "/organizations/$MOTHER/join-requests" "$ALICE" | jq -e --arg id "$REQUEST" 'any(.items[]; .id == $id)' >/dev/null \
  || fail "Alice does not see Carol's request"
call 200 POST "/organizations/$MOTHER/join-requests/$REQUEST/approve" "$ALICE" | jq -r '"request \(.status)"'
call 200 GET "/organizations/$MOTHER" "$CAROL" | jq -r '"Carol in \(.name): \(.myRole)"'

step "Bob joins the daughter organization and two of its spheres"
TOKEN="$(call 201 POST "/organizations/$DAUGHTER/invitations" "$ALICE" "{\"userName\": \"bob_$SUFFIX\"}" | jq -r .token)"
call 200 POST /invitations/accept "$BOB" "{\"token\": \"$TOKEN\"}" >/dev/null
TOKEN="$(call 201 POST "/spheres/$CLUB_SPHERE/invitations" "$ALICE" "{\"userName\": \"bob_$SUFFIX\"}" | jq -r .token)"
call 200 POST /invitations/accept "$BOB" "{\"token\": \"$TOKEN\"}" >/dev/null
call 200 POST "/spheres/$CLUB_OPEN/enter" "$BOB" >/dev/null
lists_member "/organizations/$DAUGHTER/members" "$BOB_ID" || fail "Bob should be a member of the daughter"
lists_member "/spheres/$CLUB_SPHERE/members" "$BOB_ID" || fail "Bob should be in the daughter's sphere"
call 200 GET "/spheres?organizationId=$DAUGHTER" "$BOB" | jq -r '"Bob'"'"'s spheres in the daughter: \([.items[].name] | join(", "))"'

step "Alice removes Bob from the mother organization"
call 204 DELETE "/organizations/$MOTHER/members/$BOB_ID" "$ALICE" >/dev/null

step "Checking the cascade"
if lists_member "/organizations/$MOTHER/members" "$BOB_ID"; then fail "Bob is still a member of the mother"; fi
if lists_member "/organizations/$DAUGHTER/members" "$BOB_ID"; then fail "Bob is still a member of the daughter"; fi
for id in "$CLUB_SPHERE" "$CLUB_OPEN"; do
  if lists_member "/spheres/$id/members" "$BOB_ID"; then fail "Bob is still in the daughter's sphere $id"; fi
done
for id in "$CLUB_SPHERE" "$CLUB_OPEN" "$CLASSIC" "$OPEN" "$RESTRICTED"; do
  call 404 GET "/spheres/$id" "$BOB" >/dev/null
done
call 404 GET "/organizations/$DAUGHTER" "$BOB" >/dev/null
LEFT="$(call 200 GET /spheres "$BOB" | jq '.items | length')"
[ "$LEFT" = 0 ] || fail "Bob still lists $LEFT sphere(s)"
call 200 GET "/spheres/$PUBLIC" "$BOB" >/dev/null
echo "Bob is gone from the mother, the daughter and all their spheres; the public sphere stays readable to anyone."
lists_member "/organizations/$MOTHER/members" "$CAROL_ID" || fail "Carol should still be a member of the mother"

printf '\nWalkthrough complete.\n'
