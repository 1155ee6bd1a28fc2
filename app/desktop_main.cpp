#include "Application.h"
#include "common/Hardening.h"

int main(int argc, char** argv)
{
    cd::hardenProcess();
    return cd::ui::runDesktop(argc, argv);
}
