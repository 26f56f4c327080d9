package dev.sandboxplugin.agent;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JDK method that gets a call to {@code SandboxAgentHooks.event(kind, subject)} at its start, where a Security Manager check
 * used to be: {@code subject} is the argument at {@code argument} (0 is {@code this} for an instance method), or an
 * array of the arguments at {@code arguments}, or the boxed {@code int} of an exit status.
 */
record HookedMethod(String owner, String name, String descriptor, String kind, List<Integer> arguments,
    boolean intArgument) {

  /** Checked against JDK 17 and 25 (javap); a method a JDK lacks, or has native, is simply not rewritten. */
  static final List<HookedMethod> ALL = List.of(
      new HookedMethod("java/lang/Runtime", "exit", "(I)V", "exit", List.of(1), true),
      new HookedMethod("java/lang/Runtime", "halt", "(I)V", "exit", List.of(1), true),
      new HookedMethod("java/lang/ProcessBuilder", "start", "()Ljava/lang/Process;", "exec", List.of(0), false),
      new HookedMethod("java/net/InetAddress", "getAllByName", "(Ljava/lang/String;)[Ljava/net/InetAddress;",
          "lookup", List.of(0), false),
      new HookedMethod("java/net/Socket", "connect", "(Ljava/net/SocketAddress;I)V", "connect", List.of(1), false),
      new HookedMethod("sun/nio/ch/SocketChannelImpl", "connect", "(Ljava/net/SocketAddress;)Z", "connect",
          List.of(1), false),
      new HookedMethod("sun/nio/ch/DatagramChannelImpl", "send", "(Ljava/nio/ByteBuffer;Ljava/net/SocketAddress;)I",
          "connect", List.of(2), false),
      new HookedMethod("sun/nio/ch/DatagramChannelImpl", "connect",
          "(Ljava/net/SocketAddress;)Ljava/nio/channels/DatagramChannel;", "connect", List.of(1), false),
      new HookedMethod("java/io/FileOutputStream", "<init>", "(Ljava/io/File;Z)V", "write", List.of(1), false),
      new HookedMethod("java/io/FileInputStream", "<init>", "(Ljava/io/File;)V", "read", List.of(1), false),
      new HookedMethod("java/io/RandomAccessFile", "<init>", "(Ljava/io/File;Ljava/lang/String;)V", "random-access",
          List.of(1, 2), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "newByteChannel",
          "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)"
              + "Ljava/nio/channels/SeekableByteChannel;", "open", List.of(1, 2), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "newFileChannel",
          "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)"
              + "Ljava/nio/channels/FileChannel;", "open", List.of(1, 2), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "createDirectory",
          "(Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)V", "write", List.of(1), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "implDelete", "(Ljava/nio/file/Path;Z)Z", "delete",
          List.of(1), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "copy",
          "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)V", "copy", List.of(1, 2), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "move",
          "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)V", "move", List.of(1, 2), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "createSymbolicLink",
          "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)V", "write", List.of(1),
          false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "createLink", "(Ljava/nio/file/Path;Ljava/nio/file/Path;)V",
          "write", List.of(1), false),
      // Looking is reading too, for the paths that matter (Files.exists, Files.list, File.exists, File.list).
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "checkAccess",
          "(Ljava/nio/file/Path;[Ljava/nio/file/AccessMode;)V", "read", List.of(1), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "readAttributes",
          "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)"
              + "Ljava/nio/file/attribute/BasicFileAttributes;", "read", List.of(1), false),
      // Files.exists, isDirectory, isRegularFile: JDK 17 has one method each, JDK 20+ go through these two.
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "exists", "(Ljava/nio/file/Path;)Z", "read", List.of(1),
          false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "isDirectory", "(Ljava/nio/file/Path;)Z", "read",
          List.of(1), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "isRegularFile", "(Ljava/nio/file/Path;)Z", "read",
          List.of(1), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "exists", "(Ljava/nio/file/Path;[Ljava/nio/file/LinkOption;)Z",
          "read", List.of(1), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "readAttributesIfExists",
          "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)"
              + "Ljava/nio/file/attribute/BasicFileAttributes;", "read", List.of(1), false),
      new HookedMethod("sun/nio/fs/UnixFileSystemProvider", "newDirectoryStream",
          "(Ljava/nio/file/Path;Ljava/nio/file/DirectoryStream$Filter;)Ljava/nio/file/DirectoryStream;", "read",
          List.of(1), false),
      // java.io.File's own calls; where a JDK has them native (17: list, createDirectory), there is no code to hook.
      new HookedMethod("java/io/UnixFileSystem", "getBooleanAttributes", "(Ljava/io/File;)I", "read", List.of(1),
          false),
      new HookedMethod("java/io/UnixFileSystem", "hasBooleanAttributes", "(Ljava/io/File;I)Z", "read", List.of(1),
          false),
      new HookedMethod("java/io/UnixFileSystem", "list", "(Ljava/io/File;)[Ljava/lang/String;", "read", List.of(1),
          false),
      new HookedMethod("java/io/UnixFileSystem", "delete", "(Ljava/io/File;)Z", "delete", List.of(1), false),
      new HookedMethod("java/io/UnixFileSystem", "createDirectory", "(Ljava/io/File;)Z", "write", List.of(1), false),
      new HookedMethod("java/io/UnixFileSystem", "createFileExclusively", "(Ljava/lang/String;)Z", "write", List.of(1),
          false),
      new HookedMethod("java/io/UnixFileSystem", "rename", "(Ljava/io/File;Ljava/io/File;)Z", "move", List.of(1, 2),
          false),
      // Changing a file without opening it: java.io.File's own methods (on 17 their file system calls are native),
      // and the static doors of java.nio.file.Files.
      new HookedMethod("java/io/File", "mkdir", "()Z", "write", List.of(0), false),
      new HookedMethod("java/io/File", "createNewFile", "()Z", "write", List.of(0), false),
      new HookedMethod("java/io/File", "setWritable", "(ZZ)Z", "write", List.of(0), false),
      new HookedMethod("java/io/File", "setReadable", "(ZZ)Z", "write", List.of(0), false),
      new HookedMethod("java/io/File", "setExecutable", "(ZZ)Z", "write", List.of(0), false),
      new HookedMethod("java/io/File", "setLastModified", "(J)Z", "write", List.of(0), false),
      new HookedMethod("java/nio/file/Files", "setPosixFilePermissions",
          "(Ljava/nio/file/Path;Ljava/util/Set;)Ljava/nio/file/Path;", "write", List.of(0), false),
      new HookedMethod("java/nio/file/Files", "setLastModifiedTime",
          "(Ljava/nio/file/Path;Ljava/nio/file/attribute/FileTime;)Ljava/nio/file/Path;", "write", List.of(0), false),
      new HookedMethod("java/nio/file/Files", "setAttribute",
          "(Ljava/nio/file/Path;Ljava/lang/String;Ljava/lang/Object;[Ljava/nio/file/LinkOption;)Ljava/nio/file/Path;",
          "write", List.of(0), false),
      new HookedMethod("java/nio/file/Files", "setOwner",
          "(Ljava/nio/file/Path;Ljava/nio/file/attribute/UserPrincipal;)Ljava/nio/file/Path;", "write", List.of(0),
          false));

  /** The internal names of the JDK classes to rewrite. */
  static final Set<String> OWNERS = ALL.stream().map(HookedMethod::owner).collect(Collectors.toUnmodifiableSet());

  /** The JDK classes to rewrite, as binary names. */
  static List<String> classNames() {
    return OWNERS.stream().map(owner -> owner.replace('/', '.')).sorted().toList();
  }
}
