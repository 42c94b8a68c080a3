package browser

import (
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
	"syscall"
)

// nobody is the unprivileged user Chromium runs as when toswatch runs as
// root (in a container, say).
func nobody() (*syscall.Credential, bool) {
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, false
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil || uid == 0 {
		return nil, false
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: false, Groups: []uint32{}}, true
}

// runAs makes the browser's command run as cred: its profile directory
// (made by chromedp, as root) becomes the user's, and its home too. The
// process still dies with toswatch, as chromedp's own setting does.
func runAs(cred *syscall.Credential) func(*exec.Cmd) {
	return func(cmd *exec.Cmd) {
		if cmd.SysProcAttr == nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{}
		}
		cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
		cmd.SysProcAttr.Credential = cred
		for _, a := range cmd.Args {
			if dir, ok := strings.CutPrefix(a, "--user-data-dir="); ok {
				os.Chown(dir, int(cred.Uid), int(cred.Gid))
				cmd.Env = append(cmd.Env, "HOME="+dir)
			}
		}
	}
}
