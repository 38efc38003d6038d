#!/usr/bin/env python3
"""The wrk script of the rename POST, for benches/run.sh and benches/profile.sh.

    benches/posts.py ROWS OUT SESSION CSRF

ROWS holds one reservation per line, `guid|resource type|version`. Each
post renames one reservation with the version it has, so every post is a
real save; each of wrk's two threads walks its own half of the
reservations, so no two posts carry the same reservation's version (which
would be a conflict). wrk's Lua fails past 65,536 constants: the caller
gives at most 50,000 rows.
"""
import sys

rows, out, session, csrf = sys.argv[1:5]
with open(out, "w") as f:
    f.write("bodies = {\n")
    for line in open(rows):
        guid, kind, version = line.strip().split("|")
        flex = "On" if kind in ("VirtualMachines", "SqlDatabases") else ""
        f.write('{"/reservations/%s/configuration", "name=bench-%s&scope=shared&flexibility=%s&version=%d"},\n'
                % (guid, guid[:8], flex, int(version)))
    f.write("}\n")
    f.write("""counter = 0
threads = 0
function setup(thread)
    thread:set("offset", threads * math.floor(#bodies / 2))
    threads = threads + 1
end
function init(args)
    counter = offset
end
request = function()
    counter = counter + 1
    local b = bodies[(counter * 7919) %% #bodies + 1]
    return wrk.format("POST", b[1], {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "pd_session=%s", ["X-CSRF-Token"] = "%s"}, b[2])
end
""" % (session, csrf))
