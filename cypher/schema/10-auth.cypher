// Users and API tokens (see server/src/features/auth): one account per username, token
// hashes unique so a presented token finds at most one row, and the lookup by hash indexed.
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE;
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE;
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE;
// Sign-in state shared by every API process (never process memory): failed sign-ins per
// username for the lockout, and sessions ended by logout until they would have expired.
CREATE CONSTRAINT login_throttle_username IF NOT EXISTS FOR (t:LoginThrottle) REQUIRE t.username IS UNIQUE;
CREATE CONSTRAINT revoked_session_sid IF NOT EXISTS FOR (s:RevokedSession) REQUIRE s.sid IS UNIQUE;
CREATE CONSTRAINT rate_limit_counter_key IF NOT EXISTS FOR (c:RateLimitCounter) REQUIRE c.key IS UNIQUE;
