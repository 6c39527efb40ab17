package cache

// mapPopulate: macOS has no MAP_POPULATE; the pages come as they are read.
const mapPopulate = 0
