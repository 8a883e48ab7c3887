// The reader's own part of a page served from the shared-document cache (ADR 036): the HTML is
// the same for every reader with the same roles, and this JSON island, written per request,
// carries who they are and how far they got. The server writes it here (lesson-document.server.ts);
// the page reads it after hydration with usePersonalIsland() from app/components/personal-island.tsx.
import type { LessonPersonal } from './learner.ts'

export const PERSONAL_ISLAND_ID = 'hongshen-personal'

export type ShellIdentity = { name: string; username: string; unitName: string }

export type PersonalIsland = { identity: ShellIdentity; lesson: LessonPersonal | null }

/** The island as it goes into the page; `<` is escaped so no text in it can close the script. */
export function personalIslandScript(island: PersonalIsland) {
	return `<script id="${PERSONAL_ISLAND_ID}" type="application/json">${JSON.stringify(island).replace(/</g, '\\u003c')}</script>`
}
