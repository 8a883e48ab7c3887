// The admin import's request: its fields on the shared streamed upload.
import type { ImportKind, ImportOutcome, ImportPreview, ImportProgress } from '#app/admin/import/types.ts'
import { postStreamedUpload } from '#app/utils/streamed-upload.ts'

export const IMPORT_ENDPOINT = '/admin/import/run'

type Final<M> = M extends 'preview' ? ImportPreview : ImportOutcome

export function runImport<M extends 'preview' | 'commit'>({
	kind,
	mode,
	file,
	onProgress,
}: {
	kind: ImportKind
	mode: M
	file: File
	onProgress: (progress: ImportProgress) => void
}) {
	const form = new FormData()
	form.append('kind', kind)
	form.append('mode', mode)
	form.append('file', file)
	return postStreamedUpload<Final<M>>({
		url: IMPORT_ENDPOINT,
		form,
		onProgress: (progress) => onProgress(progress as ImportProgress),
		forbiddenMessage: '需要管理员身份才能导入。',
	})
}
