#include "common/Hardening.h"
#include "desk/Application.h"

int main(int argc, char** argv)
{
    cd::hardenProcess();
    return cd::ui::runDesktop(argc, argv);
}
