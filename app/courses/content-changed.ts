// What follows any change to what learners can see: the cached lesson pages of this process
// are forgotten and the search index is brought up to date.
import type { Db } from '#app/utils/db-client.server.ts'
import { forgetLessonShells } from './lesson-shell.ts'
import { reconcileSearchIndexQuietly } from './search/search.ts'

export async function afterContentChange(db: Db) {
	forgetLessonShells(db)
	await reconcileSearchIndexQuietly(db)
}
