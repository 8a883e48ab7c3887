// The fault tests run the production server: build it first unless build/ is newer than the sources.
import { ensureBuild } from '../../scripts/setup.mjs'

export default function setup() {
	ensureBuild()
}
