// What the lesson's rehype-sanitize schema must let through for one extension, as a piece of a
// schema. The lesson pipeline's explicit schema (app/courses/mdx) merges these pieces into its
// own with mergeSanitizeSettings: tag names and protocols are added, attribute lists per tag
// are joined, and the clobber settings of a piece replace the schema's.
import type { Options as Schema } from 'rehype-sanitize'

export type SanitizeSettings = Pick<Schema, 'tagNames' | 'attributes' | 'clobber' | 'clobberPrefix' | 'protocols'>

export function mergeSanitizeSettings(schema: Schema, ...pieces: SanitizeSettings[]): Schema {
	const merged: Schema = { ...schema, tagNames: [...(schema.tagNames ?? [])], attributes: { ...schema.attributes }, protocols: { ...schema.protocols } }
	for (const piece of pieces) {
		for (const tag of piece.tagNames ?? []) if (!merged.tagNames!.includes(tag)) merged.tagNames!.push(tag)
		for (const [tag, definitions] of Object.entries(piece.attributes ?? {})) {
			merged.attributes![tag] = [...(merged.attributes![tag] ?? []), ...definitions]
		}
		for (const [property, protocols] of Object.entries(piece.protocols ?? {})) {
			merged.protocols![property] = [...new Set([...(merged.protocols![property] ?? []), ...(protocols ?? [])])]
		}
		if (piece.clobber) merged.clobber = [...piece.clobber]
		if (piece.clobberPrefix !== undefined) merged.clobberPrefix = piece.clobberPrefix
	}
	return merged
}
