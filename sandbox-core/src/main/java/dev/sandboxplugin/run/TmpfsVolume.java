package dev.sandboxplugin.run;

/**
 * A folder of a run that the host reads or fills while the container runs: an engine volume on tmpfs (the engine's
 * archive API reaches it, unlike a plain tmpfs mount), empty at start, gone with the run.
 *
 * @param inodes most files and folders in it (the kernel's memory for them is not counted in {@code bytes})
 */
public record TmpfsVolume(String containerPath, long bytes, int inodes) {

  String options() {
    return "size=" + bytes + ",nr_inodes=" + inodes + ",mode=0700,uid=65532,gid=65532,noexec,nosuid,nodev";
  }
}
