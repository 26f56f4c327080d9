package dev.sandboxplugin.run;

/**
 * A folder of a run that the host reads or fills while the container runs: an engine volume on tmpfs (Docker's
 * archive API reaches it, unlike a plain tmpfs mount), empty at start, gone with the run. On Podman, whose volumes
 * take neither a tmpfs size nor {@code noexec} and whose archive API reaches a running container's tmpfs mounts, it
 * is a tmpfs mount of the container.
 *
 * @param inodes most files and folders in it (the kernel's memory for them is not counted in {@code bytes})
 */
public record TmpfsVolume(String containerPath, long bytes, int inodes) {

  String options() {
    return "size=" + bytes + ",nr_inodes=" + inodes + ",mode=0700,uid=65532,gid=65532,noexec,nosuid,nodev";
  }

  /** Podman's tmpfs options: {@code U} gives it to the container's user; Podman takes no uid, gid or nr_inodes. */
  String podmanTmpfsOptions() {
    return "rw,size=" + bytes + ",mode=0700,U,noexec,nosuid,nodev";
  }
}
