"""Standards screens, one module per entity: `rpjmd` (overview, indicator), `renstra`, `perjanjian`,
`jabatan` (position standards); `common` holds what they share.

Thin edges: parse, fetch through `access`, call one service or selector, render. The services
refuse (403, with the reason: `common.forbidden_as_page`) people who may read but not change; the
pages show them no edit controls.
"""
