// The security suite's session checks (session-checks.ts) on PostgreSQL: the session lookup and
// the throttle's reservations are SQL that differs by provider.
import { sessionSuite } from './session-checks.ts'

sessionSuite('postgresql')
