package cache

import "syscall"

// mapPopulate maps every page of the file at once (one call instead of a fault every 16
// pages).
const mapPopulate = syscall.MAP_POPULATE
