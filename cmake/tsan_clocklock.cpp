// Linked into ThreadSanitizer builds only (NETRAL_SANITIZE=thread, CMakeLists.txt).
//
// libstdc++ 12 locks std::timed_mutex::try_lock_for through pthread_mutex_clocklock, which
// GCC 12's libtsan does not intercept (LLVM added the interceptor later), so TSan sees the
// unlock without the lock ("unlock of an unlocked mutex"), loses the happens-before edge
// of the store's writer lock, and then reports races on everything it guards. This
// definition takes the executable's precedence over glibc's and waits with
// pthread_mutex_timedlock instead, which libtsan does intercept.
#include <pthread.h>
#include <time.h>

extern "C" int pthread_mutex_clocklock(pthread_mutex_t* m, clockid_t clock, const struct timespec* abstime) {
  timespec now{}, real{};
  clock_gettime(clock, &now);
  clock_gettime(CLOCK_REALTIME, &real);
  long long ns = (abstime->tv_sec - now.tv_sec) * 1000000000LL + (abstime->tv_nsec - now.tv_nsec);
  if (ns < 0) ns = 0;
  ns += real.tv_nsec;
  timespec deadline{real.tv_sec + static_cast<time_t>(ns / 1000000000LL), static_cast<long>(ns % 1000000000LL)};
  return pthread_mutex_timedlock(m, &deadline);
}
