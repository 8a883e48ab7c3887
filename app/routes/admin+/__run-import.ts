// One entry point per step for every kind of import, as the streaming endpoint calls them.
import { commitPairingImport, previewPairingImport } from '#app/mentorship/pairing-import.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import type { Actor } from '#app/admin/actor.ts'
import type { UploadedFile } from '#app/admin/import/sheet.ts'
import type { ImportKind, ImportOutcome, ImportPreview, ReportProgress } from '#app/admin/import/types.ts'
import { commitUnitImport, previewUnitImport } from '#app/admin/import/unit-import.ts'
import { commitUserImport, previewUserImport } from '#app/admin/import/user-import.ts'

export function previewImport(db: Db, kind: ImportKind, file: UploadedFile, onProgress?: ReportProgress): Promise<ImportPreview> {
	if (kind === 'pairings') return previewPairingImport(db, file, onProgress)
	return kind === 'users' ? previewUserImport(db, file, onProgress) : previewUnitImport(db, file, onProgress)
}

export function commitImport(
	db: Db,
	actor: Actor,
	kind: ImportKind,
	file: UploadedFile,
	options: { onProgress?: ReportProgress; signal?: AbortSignal } = {},
): Promise<ImportOutcome> {
	if (kind === 'pairings') return commitPairingImport(db, actor, file, options)
	return kind === 'users' ? commitUserImport(db, actor, file, options) : commitUnitImport(db, actor, file, options)
}
